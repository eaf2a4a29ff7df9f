"""sns: linking Instagram business accounts, syncing them, and the figures others read.

Each module receives a session and never commits (the RPC or task boundary does). Graph
API calls go through `graph.GraphClient`; they run before the first SQL statement of a call
where possible, so no database connection waits on Instagram.

Visibility: an account is seen by its owner, ADMIN and internal services (SERVICE role);
anyone else gets NOT_FOUND so ids do not leak. Mutations are the owner's (sync also ADMIN).

Modules: `access` (who sees an account, Graph failures), `accounts` (reads, account events,
the stored token), `linking`, `oauth` (linking through Facebook Login's dialog) and
`link_states` (its pending states in Redis), `sync` (and its lock), `snapshot` (what one
sync reads and stores), `metrics` (the figures other services read, and
`sns.account.synced`), `analytics`, `posts`, `comments` (ingest, search, manual
moderation), `moderation` (settings, banned words, stats, log) and `owners` (the owner left
or was suspended).
"""
