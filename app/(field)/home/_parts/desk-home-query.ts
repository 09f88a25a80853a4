/**
 * The desk query of customer service's home. The server prefetches this same query into the page (home/page.tsx)
 * and DeskHome asks for it on the client: the inputs must be equal for the prefetched answer to be used. A plain
 * module (not "use client"), so that the server component reads the value and not a client reference.
 */
export const DESK_HOME_QUERY = { group: "open", pageSize: 5 } as const;
