# The release job plans with a read-only login and applies with the upload
# account: only the apply checks the upload rights.
ephemeral "whoami_faynosync_current_privileges" "release" {
  required = ["apps:upload:6b0e5a77718db44164937d4d", "channels:create"]
  enforce  = terraform.applying
}

resource "terraform_data" "release" {
  input      = "stands for the release upload"
  depends_on = [ephemeral.whoami_faynosync_current_privileges.release]
}
