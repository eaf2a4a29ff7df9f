"""Pure rules of the sns service, no I/O: account status and link input (`accounts`), the
figures other services read (`metrics`), post links and sponsorship (`posts`), banned words
and comment moderation (`moderation`), and the owner's dashboard (`analytics`)."""
