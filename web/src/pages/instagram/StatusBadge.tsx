import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { ToneBadge } from "./ToneBadge";
import type { AccountStatus } from "./types";

const LOOK: Record<AccountStatus, { color: string; label: MessageKey }> = {
  LINKED: { color: "green", label: "instagram.status.LINKED" },
  NEEDS_REAUTH: { color: "yellow", label: "instagram.status.NEEDS_REAUTH" },
  UNLINKED: { color: "gray", label: "instagram.status.UNLINKED" },
};

export function StatusBadge({ status }: { status: AccountStatus }) {
  const { t } = useI18n();
  const look = LOOK[status];
  return <ToneBadge color={look.color}>{t(look.label)}</ToneBadge>;
}
