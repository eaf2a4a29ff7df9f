import { Autocomplete, type AutocompleteProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api, data } from "../../api/client";
import type { Species } from "./types";

type Props = Omit<AutocompleteProps, "data"> & { species: Species | null; value: string };

/** Breed as free text, with the API's suggestions for the species as one types. */
export function BreedInput({ species, value, ...props }: Props) {
  const [query] = useDebouncedValue(value.trim(), 250);
  const suggestions = useQuery({
    queryKey: ["breeds", species, query],
    queryFn: async () =>
      data(await api.GET("/api/v1/breeds", { params: { query: { species, q: query || null } } }))
        .items,
    enabled: species !== null,
    staleTime: Infinity, // the breed list ships with the platform
    placeholderData: keepPreviousData,
  });
  return (
    <Autocomplete
      {...props}
      value={value}
      data={species ? (suggestions.data ?? []) : []}
      maxLength={50}
      limit={20}
    />
  );
}
