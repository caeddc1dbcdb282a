# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
complete -c go-cat -l repo -r -a '(__fish_complete_directories)' -d 'The store (default: $GO_STORE)'
complete -c go-cat -l rev -x -a '(git for-each-ref --format="%(refname:short)" refs/heads refs/tags 2>/dev/null)' -d 'Read this revision instead of main'
complete -c go-cat -l staged -d 'The documents staged in the index of the work tree'
complete -c go-cat -l changed -x -d 'The documents NEW changes from OLD (OLD..NEW)'
complete -c go-cat -l public -d 'Read the public branch'
complete -c go-cat -l year -x -d 'Only the documents of this year (YYYY)'
complete -c go-cat -l no-body -d 'record.json alone, no body'
complete -c go-cat -l log -x -d 'One line per version of a document on main'
complete -c go-cat -s h -l help -d 'Show help'
complete -c go-cat -l version -d 'Show version'
