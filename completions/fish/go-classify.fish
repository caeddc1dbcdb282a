# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
complete -c go-classify -s r -l rules -r -F -d 'Rules file, tried before the default rules'
complete -c go-classify -l no-default-rules -d 'Use only the -r rules files'
complete -c go-classify -l overwrite -d 'Replace fields that are already set'
complete -c go-classify -l explain -d 'Say on stderr which rule set which field, on which words'
complete -c go-classify -l stats -d 'Say on stderr how many fields each rule set'
complete -c go-classify -l print-default-rules -d 'Print the embedded rules and exit'
complete -c go-classify -s h -l help -d 'Show help'
complete -c go-classify -l version -d 'Show version'
