/** What a footer needs of a paged list (usePagedList, as its store exposes it). */
export interface PagedListState {
  loading: boolean;
  page: number;
  pageSize: number;
  total: number;
  goToPage: (page: number) => unknown;
}

export interface SortColumn<Key extends string> {
  key: Key;
  label: string;
  width?: string | undefined;
  numeric?: boolean | undefined;
}
