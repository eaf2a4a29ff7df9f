// Pure rules of the community pages: boards and sorts in the address, the limits the API
// enforces, search highlights and links in plain text (as parts for React to render: never
// HTML), relative times, and the comment tree's updates. Vitest checks them directly.

export const BOARDS = ["INFORMATION", "QUESTION", "SHOW_OFF"] as const;
export type Board = (typeof BOARDS)[number];
export const SORTS = ["NEWEST", "POPULAR"] as const;
export type Sort = (typeof SORTS)[number];

// The API's limits (posts.proto): beyond them it answers 422.
export const TITLE_MAX = 100;
export const BODY_MAX = 10_000;
export const COMMENT_MAX = 1_000;
export const IMAGES_MAX = 10;
export const PETS_MAX = 5;
export const QUERY_MAX = 100;
export const PAGE_SIZE = 20;

const isBoard = (value: string | null): value is Board => BOARDS.includes(value as Board);

export interface BoardView {
  /** null: every board. */
  board: Board | null;
  sort: Sort;
}

/** The board and sort an address names (anything else: every board, newest first). */
export function parseBoardView(params: URLSearchParams): BoardView {
  const board = params.get("board");
  return {
    board: isBoard(board) ? board : null,
    sort: params.get("sort") === "POPULAR" ? "POPULAR" : "NEWEST",
  };
}

/** The query string for a board view, defaults left out (one spelling per view). */
export function boardViewParams({ board, sort }: BoardView): URLSearchParams {
  const params = new URLSearchParams();
  if (board) params.set("board", board);
  if (sort !== "NEWEST") params.set("sort", sort);
  return params;
}

/** Where "글쓰기" leads: the form with the board being looked at chosen. */
export const writePath = (board: Board | null): string =>
  board ? `/community/write?board=${board}` : "/community/write";

export interface SearchView {
  q: string;
  board: Board | null;
}

/** The search an address names: the words (trimmed, at most QUERY_MAX) and a board. */
export function parseSearchView(params: URLSearchParams): SearchView {
  const board = params.get("board");
  return {
    q: (params.get("q") ?? "").trim().slice(0, QUERY_MAX),
    board: isBoard(board) ? board : null,
  };
}

/** The search page's query string for `view`. */
export function searchViewParams({ q, board }: SearchView): URLSearchParams {
  const params = new URLSearchParams();
  params.set("q", q.trim().slice(0, QUERY_MAX));
  if (board) params.set("board", board);
  return params;
}

/** The search page's address for `view`. */
export const searchPath = (view: SearchView): string =>
  `/community/search?${searchViewParams(view).toString()}`;

export interface TextPart {
  text: string;
  marked: boolean;
}

// The API wraps each matched term in these private-use characters (posts.proto, SearchHit).
const MARK_START = "\uE000";
const MARK_END = "\uE001";

/** A highlighted fragment as plain and marked parts (stray or unbalanced marks dropped). */
export function highlightParts(fragment: string): TextPart[] {
  const parts: TextPart[] = [];
  let marked = false;
  let text = "";
  const flush = () => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.marked === marked) last.text += text;
    else parts.push({ text, marked });
    text = "";
  };
  for (const char of fragment) {
    if (char === MARK_START || char === MARK_END) {
      flush();
      marked = char === MARK_START;
    } else {
      text += char;
    }
  }
  flush();
  return parts;
}

/** The fragment without its marks (an accessible name, a title attribute). */
export const unmarked = (fragment: string): string =>
  fragment.replaceAll(MARK_START, "").replaceAll(MARK_END, "");

export interface LinkPart {
  text: string;
  /** Set for an http(s) link. */
  href?: string;
}

const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence rather than the address ("see https://a.kr/x.").
const TRAILING = /[.,!?;:'"’”)\]}>…]+$/;

function trimUrl(candidate: string): string {
  let url = candidate.replace(TRAILING, "");
  // A closing parenthesis that belongs to the address (as in Wikipedia's) is kept.
  const rest = candidate.slice(url.length);
  if (rest.startsWith(")") && (url.match(/\(/g) ?? []).length > (url.match(/\)/g) ?? []).length) {
    url += ")";
  }
  return url;
}

function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Plain text as parts, each http(s) address a link (nothing else is interpreted). */
export function linkParts(text: string): LinkPart[] {
  const parts: LinkPart[] = [];
  const push = (part: LinkPart) => {
    if (!part.text) return;
    const last = parts[parts.length - 1];
    if (!part.href && last && !last.href) last.text += part.text;
    else parts.push(part);
  };
  let at = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    const href = url.length > "https://".length ? safeHref(url) : null;
    if (!href) continue;
    push({ text: text.slice(at, match.index) });
    push({ text: url, href });
    at = match.index + url.length;
  }
  push({ text: text.slice(at) });
  return parts;
}

/** The count after (un)liking, from what was shown: for showing the change at once. */
export function likedCount(count: number, wasLiked: boolean, liked: boolean): number {
  if (wasLiked === liked) return count;
  return Math.max(0, count + (liked ? 1 : -1));
}

export interface CommentNode {
  id: string;
  replies: CommentNode[];
}

/** `roots` with the comment `id` (a root or a reply) replaced by `update(it)`. */
export function updateComment<T extends CommentNode>(
  roots: readonly T[],
  id: string,
  update: (comment: T) => T,
): T[] {
  return roots.map((root) => {
    if (root.id === id) return update(root);
    if (!root.replies.some((reply) => reply.id === id)) return root;
    return {
      ...root,
      replies: root.replies.map((reply) => (reply.id === id ? update(reply as T) : reply)),
    };
  });
}

/** Characters as a person counts them (a Korean syllable or an emoji is one). */
export const charCount = (text: string): number => [...text].length;

export interface PostValues {
  board: Board;
  title: string;
  body: string;
  pet_ids: string[];
}

export type PostProblem = "titleRequired" | "titleLong" | "bodyRequired" | "bodyLong";

/** What the form refuses before sending (the API checks the same and more). */
export function postProblems(values: PostValues): Partial<Record<"title" | "body", PostProblem>> {
  const problems: Partial<Record<"title" | "body", PostProblem>> = {};
  const title = values.title.trim();
  if (!title) problems.title = "titleRequired";
  else if (charCount(title) > TITLE_MAX) problems.title = "titleLong";
  if (!values.body.trim()) problems.body = "bodyRequired";
  else if (charCount(values.body) > BODY_MAX) problems.body = "bodyLong";
  return problems;
}

/** The post as POST/PUT /api/v1/community/posts take it: the body stays as typed. */
export function postBody(values: PostValues, imageMediaIds: readonly string[]) {
  return {
    board: values.board,
    title: values.title.trim(),
    body: values.body,
    image_media_ids: [...imageMediaIds],
    pet_ids: values.pet_ids.slice(0, PETS_MAX),
  };
}

/** A picture in the form: uploaded (media_id set), being uploaded, or refused. */
export interface DraftImage {
  /** Stable across reorders (React's key and the drag handle's id). */
  key: string;
  media_id: string | null;
  /** The thumbnail, or while uploading the local preview (a blob: URL). */
  src: string;
  progress: number | null;
  error: string | null;
}

/** The uploaded pictures' ids in the order shown (pending and failed ones left out). */
export const readyIds = (images: readonly DraftImage[]): string[] =>
  images.flatMap((image) => (image.media_id ? [image.media_id] : []));

/** Still sending a picture: saving waits for it. */
export const uploading = (images: readonly DraftImage[]): boolean =>
  images.some((image) => image.media_id === null && image.error === null);

/** How many more pictures fit (failed ones do not count). */
export const roomFor = (images: readonly DraftImage[]): number =>
  Math.max(0, IMAGES_MAX - images.filter((image) => image.error === null).length);
