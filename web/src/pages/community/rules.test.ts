import { describe, expect, it } from "vitest";

import {
  boardViewParams,
  charCount,
  highlightParts,
  likedCount,
  linkParts,
  parseBoardView,
  parseSearchView,
  postBody,
  postProblems,
  readyIds,
  roomFor,
  searchPath,
  unmarked,
  updateComment,
  uploading,
  type DraftImage,
} from "./rules";

describe("the board view in the address", () => {
  it("reads a board and a sort, and defaults what it does not know", () => {
    expect(parseBoardView(new URLSearchParams("board=SHOW_OFF&sort=POPULAR"))).toEqual({
      board: "SHOW_OFF",
      sort: "POPULAR",
    });
    expect(parseBoardView(new URLSearchParams("board=NEWS&sort=oldest"))).toEqual({
      board: null,
      sort: "NEWEST",
    });
  });

  it("writes one spelling per view, defaults left out", () => {
    expect(boardViewParams({ board: null, sort: "NEWEST" }).toString()).toBe("");
    expect(boardViewParams({ board: "QUESTION", sort: "POPULAR" }).toString()).toBe(
      "board=QUESTION&sort=POPULAR",
    );
  });
});

describe("the search in the address", () => {
  it("trims the words and caps them at 100 characters", () => {
    const long = "가".repeat(120);
    expect(parseSearchView(new URLSearchParams(`q=${long}&board=INFORMATION`))).toEqual({
      q: "가".repeat(100),
      board: "INFORMATION",
    });
    expect(parseSearchView(new URLSearchParams("q=%20산책%20"))).toEqual({
      q: "산책",
      board: null,
    });
  });

  it("links to the search page with the words encoded", () => {
    expect(searchPath({ q: " 산책 & 간식 ", board: "SHOW_OFF" })).toBe(
      "/community/search?q=%EC%82%B0%EC%B1%85+%26+%EA%B0%84%EC%8B%9D&board=SHOW_OFF",
    );
  });
});

describe("search highlights", () => {
  it("splits a fragment into plain and marked parts", () => {
    expect(highlightParts("오늘 \uE000산책\uE001했어요")).toEqual([
      { text: "오늘 ", marked: false },
      { text: "산책", marked: true },
      { text: "했어요", marked: false },
    ]);
  });

  it("keeps markup-looking text as text and survives stray marks", () => {
    expect(highlightParts("<b>\uE001a\uE000b")).toEqual([
      { text: "<b>a", marked: false },
      { text: "b", marked: true },
    ]);
    expect(highlightParts("")).toEqual([]);
    expect(highlightParts("\uE000\uE001")).toEqual([]);
  });

  it("drops the marks for plain text", () => {
    expect(unmarked("\uE000산책\uE001로")).toBe("산책로");
  });
});

describe("links in plain text", () => {
  it("turns http(s) addresses into links and leaves the rest as text", () => {
    expect(linkParts("사료 정보: https://pet.example.kr/food?id=3 참고하세요")).toEqual([
      { text: "사료 정보: " },
      { text: "https://pet.example.kr/food?id=3", href: "https://pet.example.kr/food?id=3" },
      { text: " 참고하세요" },
    ]);
  });

  it("leaves sentence punctuation out of the address but keeps balanced parentheses", () => {
    expect(linkParts("여기요 http://a.kr/x.")).toEqual([
      { text: "여기요 " },
      { text: "http://a.kr/x", href: "http://a.kr/x" },
      { text: "." },
    ]);
    expect(linkParts("(https://en.wikipedia.org/wiki/Dog_(disambiguation))")[1]).toEqual({
      text: "https://en.wikipedia.org/wiki/Dog_(disambiguation)",
      href: "https://en.wikipedia.org/wiki/Dog_(disambiguation)",
    });
  });

  it("never links other schemes or markup", () => {
    expect(linkParts('javascript:alert(1) <a href="x">y</a>')).toEqual([
      { text: 'javascript:alert(1) <a href="x">y</a>' },
    ]);
    expect(linkParts("https:// 빈 주소")).toEqual([{ text: "https:// 빈 주소" }]);
  });

  it("keeps line breaks in the text parts", () => {
    expect(linkParts("첫 줄\nhttps://a.kr\n셋째 줄")).toEqual([
      { text: "첫 줄\n" },
      { text: "https://a.kr", href: "https://a.kr/" },
      { text: "\n셋째 줄" },
    ]);
  });
});

describe("likes", () => {
  it("moves the count only when the state changes", () => {
    expect(likedCount(3, false, true)).toBe(4);
    expect(likedCount(3, true, false)).toBe(2);
    expect(likedCount(3, true, true)).toBe(3);
    expect(likedCount(0, true, false)).toBe(0);
  });
});

describe("the comment tree", () => {
  const tree = [
    { id: "a", liked: false, replies: [{ id: "a1", liked: false, replies: [] }] },
    { id: "b", liked: false, replies: [] },
  ];

  it("updates a root or a reply, leaving the rest as they were", () => {
    const like = <T extends { liked: boolean }>(c: T): T => ({ ...c, liked: true });
    const root = updateComment(tree, "b", like);
    expect(root[1]?.liked).toBe(true);
    expect(root[0]).toBe(tree[0]);
    const reply = updateComment(tree, "a1", like);
    expect(reply[0]?.replies[0]).toMatchObject({ id: "a1", liked: true });
    expect(reply[1]).toBe(tree[1]);
  });
});

describe("the post form", () => {
  const values = { board: "INFORMATION" as const, title: "  제목  ", body: " 본문\n", pet_ids: [] };

  it("counts characters as people do", () => {
    expect(charCount("산책🐶")).toBe(3);
  });

  it("refuses empty and long titles and bodies", () => {
    expect(postProblems(values)).toEqual({});
    expect(postProblems({ ...values, title: "  ", body: "\n" })).toEqual({
      title: "titleRequired",
      body: "bodyRequired",
    });
    expect(postProblems({ ...values, title: "가".repeat(101), body: "a".repeat(10_001) })).toEqual({
      title: "titleLong",
      body: "bodyLong",
    });
  });

  it("sends the title trimmed and the body as typed", () => {
    expect(postBody({ ...values, pet_ids: ["p1"] }, ["m1", "m2"])).toEqual({
      board: "INFORMATION",
      title: "제목",
      body: " 본문\n",
      image_media_ids: ["m1", "m2"],
      pet_ids: ["p1"],
    });
  });
});

describe("pictures in the form", () => {
  const image = (over: Partial<DraftImage>): DraftImage => ({
    key: "k",
    media_id: null,
    src: "blob:x",
    progress: 0,
    error: null,
    ...over,
  });

  it("sends only uploaded pictures, in order, and waits for pending ones", () => {
    const images = [
      image({ media_id: "m2" }),
      image({ error: "너무 커요" }),
      image({ media_id: "m1" }),
    ];
    expect(readyIds(images)).toEqual(["m2", "m1"]);
    expect(uploading(images)).toBe(false);
    expect(uploading([...images, image({})])).toBe(true);
  });

  it("counts the room left, failed ones not taking any", () => {
    expect(roomFor([image({ media_id: "m" }), image({ error: "x" })])).toBe(9);
    expect(roomFor(Array.from({ length: 12 }, () => image({ media_id: "m" })))).toBe(0);
  });
});
