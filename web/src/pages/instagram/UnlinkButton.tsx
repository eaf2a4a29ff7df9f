import { Button } from "@mantine/core";
import { useState } from "react";

import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { ConfirmModal } from "../../components/ConfirmModal";
import { useUnlink } from "./queries";
import type { Account } from "./types";
import { useNotify } from "./useNotify";

/** Unlink, after a confirmation: the token and everything synced are deleted. */
export function UnlinkButton({ account }: { account: Account }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const unlink = useUnlink();
  const notify = useNotify();
  // Awaited rather than through mutate's callbacks: the card (and this button) leaves the
  // list as soon as the list reloads, and a notice must still say it went through.
  const run = () =>
    unlink.mutateAsync(account.id).then(
      () => {
        setAsking(false);
        notify(t("instagram.unlink.done", { username: account.username }));
      },
      (error: unknown) => notify(errorMessage(error, t), "red"),
    );
  return (
    <>
      <Button variant="subtle" color="red" onClick={() => setAsking(true)}>
        {t("instagram.unlink.button")}
      </Button>
      <ConfirmModal
        opened={asking}
        title={t("instagram.unlink.title", { username: account.username })}
        body={t("instagram.unlink.body")}
        danger
        confirmLabel={t("instagram.unlink.confirm")}
        pending={unlink.isPending}
        onConfirm={run}
        onClose={() => setAsking(false)}
      />
    </>
  );
}
