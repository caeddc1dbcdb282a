# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
complete -c go-check-reason -l today -x -d 'Day to measure deadlines against (YYYY-MM-DD)'
complete -c go-check-reason -l mask -d 'Replace personal numbers in title and body by their masked forms'
complete -c go-check-reason -s h -l help -d 'Show help'
complete -c go-check-reason -l version -d 'Show version'
complete -c go-check-reason -l summary -d 'A Chinese line on stderr per record with errors'
