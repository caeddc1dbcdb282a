# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
set -l cmds create verify records
complete -c go-archive -f -n "not __fish_seen_subcommand_from $cmds" -a create -d 'Write a BagIt bag inside an archive'
complete -c go-archive -f -n "not __fish_seen_subcommand_from $cmds" -a verify -d 'Check bags without unpacking them'
complete -c go-archive -f -n "not __fish_seen_subcommand_from $cmds" -a records -d 'Emit the archived records as JSON Lines'
complete -c go-archive -n "not __fish_seen_subcommand_from $cmds" -l version -d 'Show version'
complete -c go-archive -s h -l help -d 'Show help'
complete -c go-archive -n '__fish_seen_subcommand_from create' -l repo -r -a '(__fish_complete_directories)' -d 'The store'
complete -c go-archive -n '__fish_seen_subcommand_from create' -l rev -x -a 'main public' -d 'Revision to archive'
complete -c go-archive -n '__fish_seen_subcommand_from create' -l year -x -d 'Only this year'
complete -c go-archive -n '__fish_seen_subcommand_from create' -l attribute -x -a 'proactive on-request withheld' -d 'Only these attributes'
complete -c go-archive -n '__fish_seen_subcommand_from create' -l format -x -a 'tar tar.gz tar.zst zip' -d 'Archive format'
complete -c go-archive -n '__fish_seen_subcommand_from create' -l name -x -d 'Folder of the bag'
complete -c go-archive -n '__fish_seen_subcommand_from create' -l source-organization -x -d 'bag-info Source-Organization'
complete -c go-archive -n '__fish_seen_subcommand_from create' -s o -l output -r -d 'Archive to write (- for stdout)'
complete -c go-archive -n '__fish_seen_subcommand_from records' -l files -r -a '(__fish_complete_directories)' -d 'Write attachments into this folder'
complete -c go-archive -n '__fish_seen_subcommand_from verify records' -l max-entry-size -x -d 'Larger entries are findings'
complete -c go-archive -n '__fish_seen_subcommand_from verify records' -l max-ratio -x -d 'Entries compressed more than N:1 are findings'
