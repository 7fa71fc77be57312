#include "tests/firmware/cm4/tests.h"
void test_fault(void) {}
