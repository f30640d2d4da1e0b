#include "nook.h"
int cmd_unshare(int argc, char *argv[]) { return 0; }
