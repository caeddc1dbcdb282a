# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
complete -c go-gate -l repo -r -a '(__fish_complete_directories)' -d 'The store (default: $GO_STORE)'
complete -c go-gate -l receive -d 'Check the OLD NEW REF lines of a push on stdin'
complete -c go-gate -l staged -d 'Check the index of the work tree against HEAD'
complete -c go-gate -l tree -x -a '(git for-each-ref --format="%(refname:short)" refs/heads refs/tags 2>/dev/null)' -d 'Check this revision whole'
complete -c go-gate -l public -d 'Check the tree as a public view'
complete -c go-gate -s h -l help -d 'Show help'
complete -c go-gate -l version -d 'Show version'
