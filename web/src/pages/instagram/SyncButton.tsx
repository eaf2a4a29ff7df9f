import { Button, type ButtonProps } from "@mantine/core";

import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { useSync } from "./queries";
import { syncOutcome, type SyncOutcome } from "./rules";
import type { Account } from "./types";
import { useNotify } from "./useNotify";

const OUTCOME: Record<SyncOutcome, { color: string; message: MessageKey }> = {
  synced: { color: "green", message: "instagram.sync.done" },
  failed: { color: "red", message: "instagram.sync.failed" },
  needsReauth: { color: "yellow", message: "instagram.sync.needsReauth" },
};

/** "Sync now": runs the sync and says how it went (the card shows the new time). */
export function SyncButton({ account, ...props }: { account: Account } & ButtonProps) {
  const { t } = useI18n();
  const sync = useSync();
  const notify = useNotify();
  const run = () =>
    sync.mutate(account.id, {
      onSuccess: (synced) => {
        const outcome = OUTCOME[syncOutcome(synced)];
        notify(
          t(outcome.message, { username: synced.username, error: synced.last_sync_error }),
          outcome.color,
        );
      },
      onError: (error) => notify(errorMessage(error, t), "red"),
    });
  return (
    <Button
      variant="default"
      onClick={run}
      loading={sync.isPending}
      disabled={account.status !== "LINKED"}
      {...props}
    >
      {t("instagram.sync.now")}
    </Button>
  );
}
