import { Badge, type BadgeProps } from "@mantine/core";

/** A light badge with the page's text colour on its tint: Mantine's light-variant text
 * (even the darkest shade) is under the 4.5:1 contrast WCAG AA asks for at badge size. */
export function ToneBadge({ color, ...props }: BadgeProps & { color: string }) {
  return (
    <Badge
      variant="light"
      color={color}
      styles={{ label: { color: "var(--mantine-color-text)" } }}
      {...props}
    />
  );
}
