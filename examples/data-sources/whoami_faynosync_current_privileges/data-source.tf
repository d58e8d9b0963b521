# Fail the plan unless the release account may edit the stable channel and
# delete the desktop app: the flag, the id in allowed and the object owned by
# the team's owner are all checked. Without an id, only the action's flag is.
data "whoami_faynosync_current_privileges" "release" {
  required = [
    "channels:edit:6b0e5a78718db44164937d50",
    "apps:delete:6b0e5a77718db44164937d4d",
  ]
  enforce = true
}

output "faynosync_privileges" {
  value = data.whoami_faynosync_current_privileges.release.privileges
}

# An fns_ API token may only upload, to apps it cannot read: let its uploads
# be unknown and stop only on what is missing.
data "whoami_faynosync_current_privileges" "upload" {
  required = ["apps:upload:6b0e5a77718db44164937d4d"]

  lifecycle {
    postcondition {
      condition     = length(self.missing) == 0
      error_message = "The faynoSync credentials cannot upload: ${jsonencode(self.reasons)}"
    }
  }
}
