/* host_heap: make the host heap that Unicorn and the simulator fill at start-up cheap to fault
 * in (its first 4 MiB as transparent huge pages; THP off for everything else, so per-board
 * mappings stay in small pages). Call first thing in main(), before anything allocates. */
#ifndef TOCKSIM_HOST_HEAP_H
#define TOCKSIM_HOST_HEAP_H

void host_heap_prefer_huge_pages(void);

#endif
