# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
complete -c go-link-interp -l repo -r -a '(__fish_complete_directories)' -d 'Store to join against (default $GO_STORE)'
complete -c go-link-interp -l all -d 'Read every document on main first (audit the whole store)'
complete -c go-link-interp -l grace-days -x -d 'Working days an interpretation may follow its policy'
complete -c go-link-interp -l investigation-days -x -d 'Working days an investigation result may take (default 20)'
complete -c go-link-interp -l today -x -d 'Publishing day of unpublished records (YYYY-MM-DD)'
complete -c go-link-interp -s h -l help -d 'Show help'
complete -c go-link-interp -l version -d 'Show version'
complete -c go-link-interp -l summary -d 'A Chinese line on stderr per record with errors'
