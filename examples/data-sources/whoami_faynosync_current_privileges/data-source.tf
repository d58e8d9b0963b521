# Fail the plan unless the token may upload builds of this app and edit the
# stable channel. Without an id, only the action's flag is checked.
data "whoami_faynosync_current_privileges" "release" {
  required = [
    "apps:upload:64f1c2a9e4b0d51a2c3e4f50",
    "channels:edit:64f1c2b0e4b0d51a2c3e4f60",
  ]
  enforce = true
}

output "faynosync_privileges" {
  value = data.whoami_faynosync_current_privileges.release.privileges
}
