// The community area's API shapes, from the generated client (named by their routes, so a
// renamed schema in the edge does not ripple through the pages).
import type { paths } from "../../api/schema";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
type Answer<Operation, Status extends number> = Operation extends {
  responses: { [S in Status]: infer R };
}
  ? Json<R>
  : never;

type PostsPath = paths["/api/v1/community/posts"];
type PostPath = paths["/api/v1/community/posts/{post_id}"];
type SearchPath = paths["/api/v1/community/posts/search"];
type CommentsPath = paths["/api/v1/community/posts/{post_id}/comments"];

export type PostPage = Answer<PostsPath["get"], 200>;
export type PostSummary = PostPage["items"][number];
export type Post = Answer<PostPath["get"], 200>;
export type PostImage = Post["images"][number];
export type Author = Post["author"];
export type TaggedPet = Post["pets"][number];
export type SearchPage = Answer<SearchPath["get"], 200>;
export type SearchHit = SearchPage["items"][number];
export type CommentPage = Answer<CommentsPath["get"], 200>;
export type Comment = CommentPage["items"][number];
export type LikeState = Answer<paths["/api/v1/community/posts/{post_id}/like"]["put"], 200>;
export type UploadedImage = Answer<paths["/api/v1/community/images"]["post"], 201>;
export type PostListQuery = NonNullable<PostsPath["get"]["parameters"]["query"]>;
