// Small pieces the community pages share: the board badge, an author's picture and name,
// times, and plain text rendered as React nodes (links, highlights), never as HTML.
import { Anchor, Avatar, Badge, Group, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";

import { formatRelative } from "../../i18n/format";
import { useI18n } from "../../i18n/useI18n";
import { BOARD_COLORS, boardLabel } from "./labels";
import { highlightParts, linkParts, type Board } from "./rules";
import type { Author } from "./types";

export function BoardBadge({ board }: { board: Board }) {
  const { t } = useI18n();
  return (
    <Badge variant="filled" color={BOARD_COLORS[board]} style={{ flexShrink: 0 }}>
      {t(boardLabel(board))}
    </Badge>
  );
}

/** The author's picture; a placeholder without one (and always for a withdrawn account).
 * Decorative: the nickname is always beside it. */
export function AuthorAvatar({ author, size = 32 }: { author: Author; size?: number }) {
  const picture = author.withdrawn ? null : author.image_url || null;
  return (
    <Avatar src={picture} alt="" size={size} radius="xl" aria-hidden="true">
      {author.withdrawn ? null : author.nickname.slice(0, 1)}
    </Avatar>
  );
}

/** The author's nickname: a link to their profile (plain for a withdrawn account, or where
 * the name sits inside another link). */
export function AuthorName({ author, link = true }: { author: Author; link?: boolean }) {
  if (!link || author.withdrawn) {
    return (
      <Text span size="sm" fw={600} c={author.withdrawn ? "dimmed" : undefined}>
        {author.nickname}
      </Text>
    );
  }
  return (
    <Anchor component={Link} to={`/users/${author.id}`} size="sm" fw={600}>
      {author.nickname}
    </Anchor>
  );
}

/** When something was written: "5분 전" within a week, its date after; the exact time on
 * hover and for machines. The clock is read once, when the piece first shows. */
export function When({ iso }: { iso: string }) {
  const { lang, dateTime } = useI18n();
  const [now] = useState(() => new Date());
  return (
    <Text size="sm" c="dimmed" component="time" dateTime={iso} title={dateTime(iso)}>
      {formatRelative(iso, now, lang)}
    </Text>
  );
}

/** The author, the time and "수정됨", on one line that wraps on narrow screens. */
export function Byline({
  author,
  createdAt,
  editedAt,
  link = true,
  avatar = 32,
}: {
  author: Author;
  createdAt: string;
  editedAt?: string | null;
  link?: boolean;
  avatar?: number;
}) {
  const { t, dateTime } = useI18n();
  return (
    <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
      <AuthorAvatar author={author} size={avatar} />
      <Group gap={6} style={{ minWidth: 0 }} wrap="wrap">
        <AuthorName author={author} link={link} />
        <When iso={createdAt} />
        {editedAt ? (
          <Text span size="sm" c="dimmed" title={dateTime(editedAt)} data-testid="edited">
            {t("community.edited")}
          </Text>
        ) : null}
      </Group>
    </Group>
  );
}

/** A search fragment with its matched terms in <mark>. */
export function Highlighted({ fragment }: { fragment: string }) {
  return (
    <>
      {highlightParts(fragment).map((part, i) =>
        part.marked ? <mark key={i}>{part.text}</mark> : part.text,
      )}
    </>
  );
}

/** A post's or comment's plain text: line breaks kept, http(s) addresses as links that open
 * apart from the app and pass no referrer or endorsement. */
export function RichText({ text, size }: { text: string; size?: string }) {
  return (
    <Text size={size} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
      {linkParts(text).map((part, i) =>
        part.href ? (
          <Anchor
            key={i}
            href={part.href}
            target="_blank"
            rel="noopener noreferrer nofollow ugc"
            inherit
          >
            {part.text}
          </Anchor>
        ) : (
          part.text
        ),
      )}
    </Text>
  );
}
