// jemalloc's start-up settings (`malloc_conf`), defined in jemalloc_settings.c. Nothing here is
// called: linking the target is what applies them.
#pragma once
extern const char *malloc_conf;
