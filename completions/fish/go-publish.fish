# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
complete -c go-publish -l repo -r -a '(__fish_complete_directories)' -d 'The store (default $GO_STORE)'
complete -c go-publish -l init -d 'Create the store (bare) if absent'
complete -c go-publish -l branch -x -a main -d 'Register branch (public view: NAME-public)'
complete -c go-publish -s m -l message -x -d 'First line of the commit messages'
complete -c go-publish -l author -x -d "Who publishes: 'Name <email>'"
complete -c go-publish -l dry-run -d 'Report without writing'
complete -c go-publish -l push -r -a '(__fish_complete_directories)' -d 'Push both branches to a remote or URL'
complete -c go-publish -l today -x -d 'The day of publishing (YYYY-MM-DD)'
complete -c go-publish -l accept-classified -x -d 'NAME confirms the proactive attributes rules suggested'
complete -c go-publish -l grace-days -x -d 'Working days an interpretation may follow its policy'
complete -c go-publish -l withdraw -x -d 'Withdraw a stored document (kept on the register, off public)'
complete -c go-publish -l purge -x -d "Remove a document's content from all history"
complete -c go-publish -l reason -x -d 'Why it is withdrawn or purged'
complete -c go-publish -l migrate -d 'Rewrite a store of the year layout to the month layout'
complete -c go-publish -s h -l help -d 'Show help'
complete -c go-publish -l version -d 'Show version'
complete -c go-publish -l summary -d 'End with a Chinese report on stderr'
