# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
set -l cmds scoreboard annual
complete -c go-report -n "not __fish_seen_subcommand_from $cmds" -f -a scoreboard -d 'The scoreboard of every office'
complete -c go-report -n "not __fish_seen_subcommand_from $cmds" -f -a annual -d 'The annual report (OGI art. 50)'
complete -c go-report -l repo -r -a '(__fish_complete_directories)' -d 'The store (default: $GO_STORE)'
complete -c go-report -l year -x -d 'The year (YYYY)'
complete -c go-report -n '__fish_seen_subcommand_from scoreboard' -l from -x -d 'First day of the period'
complete -c go-report -n '__fish_seen_subcommand_from scoreboard' -l to -x -d 'Last day of the period'
complete -c go-report -n '__fish_seen_subcommand_from scoreboard' -l format -x -a 'jsonl md html' -d 'Output'
complete -c go-report -n '__fish_seen_subcommand_from annual' -l format -x -a 'html md json csv' -d 'Output'
complete -c go-report -n '__fish_seen_subcommand_from scoreboard' -l rules -r -d 'Thresholds file'
complete -c go-report -n '__fish_seen_subcommand_from scoreboard' -l rectify-days -x -d 'Working days to put things right'
complete -c go-report -n '__fish_seen_subcommand_from scoreboard' -l grace-days -x -d 'Working days an interpretation may follow its policy'
complete -c go-report -n '__fish_seen_subcommand_from scoreboard' -l today -x -d 'The day of the report'
complete -c go-report -n '__fish_seen_subcommand_from annual' -l extra -r -d 'The office part: tables, fees, sections'
complete -c go-report -s h -l help -d 'Show help'
complete -c go-report -l version -d 'Show version'
