# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
set -l cmds add update due stats repeats
complete -c go-request -f -n "not __fish_seen_subcommand_from $cmds" -a add -d 'Check and store new applications'
complete -c go-request -f -n "not __fish_seen_subcommand_from $cmds" -a update -d 'Store new events of stored applications'
complete -c go-request -f -n "not __fish_seen_subcommand_from $cmds" -a due -d 'Open applications and their deadlines'
complete -c go-request -f -n "not __fish_seen_subcommand_from $cmds" -a stats -d 'Table 三 of the annual report'
complete -c go-request -f -n "not __fish_seen_subcommand_from $cmds" -a repeats -d 'Same information asked by different applicants'
complete -c go-request -n "not __fish_seen_subcommand_from $cmds" -l version -d 'Show version'
complete -c go-request -s h -l help -d 'Show help'
complete -c go-request -l repo -r -a '(__fish_complete_directories)' -d 'The store'
complete -c go-request -n '__fish_seen_subcommand_from add' -l init -d 'Create the store when absent'
complete -c go-request -n '__fish_seen_subcommand_from add update' -l author -x -d 'Who records (Name <email>)'
complete -c go-request -n '__fish_seen_subcommand_from add update' -s m -l message -x -d 'First line of the commit message'
complete -c go-request -n '__fish_seen_subcommand_from add update due' -l today -x -d 'Day to count deadlines to (YYYY-MM-DD)'
complete -c go-request -n '__fish_seen_subcommand_from due' -l within -x -d 'Only those with at most N working days left'
complete -c go-request -n '__fish_seen_subcommand_from stats repeats' -l year -x -d 'The year'
complete -c go-request -n '__fish_seen_subcommand_from repeats' -l min -x -d 'At least N distinct applicants'
