# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
complete -c go-site -l repo -r -a '(__fish_complete_directories)' -d 'The store (default: $GO_STORE)'
complete -c go-site -l rev -x -a '(git for-each-ref --format="%(refname:short)" refs/heads/public refs/tags 2>/dev/null)' -d 'Render this revision of the public branch'
complete -c go-site -s o -l output -r -a '(__fish_complete_directories)' -d 'The site (a link go-site switches)'
complete -c go-site -l base-url -x -d 'The site\'s absolute address'
complete -c go-site -l config -r -F -d 'Site name and footer fields (JSON)'
complete -c go-site -l pages -r -a '(__fish_complete_directories)' -d 'The office pages: guide.md, rules.md, reports/'
complete -c go-site -l full -d 'Render every page'
complete -c go-site -l no-search -d 'Build no search index'
complete -c go-site -l quiet -d 'No summary line'
complete -c go-site -s h -l help -d 'Show help'
complete -c go-site -l version -d 'Show version'
