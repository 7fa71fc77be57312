/* host_heap: make the host heap that Unicorn and the simulator fill at start-up cheap to fault
 * in (transparent huge pages). Call first thing in main(), before anything allocates. */
#ifndef TOCKSIM_HOST_HEAP_H
#define TOCKSIM_HOST_HEAP_H

void host_heap_prefer_huge_pages(void);

#endif
