import { useI18n } from "../../../i18n/useI18n";
import { parseReason } from "../rules";

/** Why a comment was moderated, in the reader's language. */
export function ReasonText({ reason }: { reason: string }) {
  const { t } = useI18n();
  const parsed = parseReason(reason);
  switch (parsed.kind) {
    case "bannedWord":
      return <>{t("instagram.reason.bannedWord", { word: parsed.word })}</>;
    case "negative":
      return <>{t("instagram.reason.negative")}</>;
    case "manual":
      return <>{t("instagram.reason.manual")}</>;
    default:
      return <>{parsed.text}</>;
  }
}
