#include "tests/firmware/cm4/tests.h"
void test_mpu(void) {}
