// The signed-in person's own account (GET /api/v1/me), shared by the account page's sections.
import { useQuery, useQueryClient } from "@tanstack/react-query";

import { api, data } from "../../api/client";
import { updateUser, type User } from "../../auth/tokens";

export const ME_QUERY = ["me"] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_QUERY,
    queryFn: async () => data(await api.GET("/api/v1/me")),
  });
}

/** Keep a changed account everywhere it is shown: this page's cache and the session's user. */
export function useSetMe(): (user: User) => void {
  const queryClient = useQueryClient();
  return (user) => {
    queryClient.setQueryData(ME_QUERY, user);
    updateUser(user);
  };
}

/** The picture's URL at about `width` pixels (a thumbnail when there is one). */
export function pictureUrl(user: Pick<User, "profile_image">, width = "320"): string | null {
  const image = user.profile_image;
  return image ? (image.thumbnails[width] ?? image.url) : null;
}
