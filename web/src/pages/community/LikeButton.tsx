import { Button } from "@mantine/core";

import { useI18n } from "../../i18n/useI18n";

/** 좋아요 with its count: a toggle (aria-pressed) that shows the change at once. */
export function LikeButton({
  liked,
  count,
  onToggle,
  size = "sm",
  disabled = false,
}: {
  liked: boolean;
  count: number;
  onToggle: (liked: boolean) => void;
  size?: "sm" | "compact-sm";
  disabled?: boolean;
}) {
  const { t, number } = useI18n();
  return (
    <Button
      size={size}
      variant={liked ? "filled" : "default"}
      aria-pressed={liked}
      disabled={disabled}
      onClick={() => onToggle(!liked)}
      data-testid="like"
    >
      {t("community.like", { count: number(count) })}
    </Button>
  );
}
