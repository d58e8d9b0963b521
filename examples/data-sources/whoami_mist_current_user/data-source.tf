data "whoami_mist_current_user" "me" {}

output "mist_user" {
  value = {
    # An org API token has no email; its name identifies it.
    who = coalesce(data.whoami_mist_current_user.me.email, data.whoami_mist_current_user.me.name)
    privileges = [
      for p in data.whoami_mist_current_user.me.privileges : "${p.role} on ${p.scope} ${p.name}"
    ]
  }
}
