/*
 * Test images: the cases of one window of DT_MAX_CASES slots as binary blobs
 * (code slots, input records, scratch pattern, header), linked with the guest
 * runtime into one ELF by the cross compiler. The linker script is written
 * here, from layout.h, so the addresses have one source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "difftest.h"

static bool write_file(const struct dt_tools *t, const char *name, const void *data, size_t len)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", t->workdir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return false;
    }
    bool ok = fwrite(data, 1, len, f) == len;
    ok &= fclose(f) == 0;
    if (!ok) {
        fprintf(stderr, "difftest: cannot write %s\n", path);
    }
    return ok;
}

static bool write_text(const struct dt_tools *t, const char *name, const char *text)
{
    return write_file(t, name, text, strlen(text));
}

static void put_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

static void put_le64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

bool dt_image_write_blobs(const struct dt_tools *t, uint64_t seed, uint64_t base_id,
                          const struct dt_case *cases, size_t n)
{
    size_t slots = 0;
    for (size_t i = 0; i < n; i++) {
        size_t s = (size_t)(cases[i].id - base_id) + 1;
        slots = s > slots ? s : slots;
    }
    uint8_t *code = calloc(slots ? slots : 1, DT_SLOT_SIZE);
    uint8_t *records = calloc(slots ? slots : 1, REC_SIZE);
    uint8_t *ref = malloc(DT_SCRATCH_SIZE);
    if (!code || !records || !ref) {
        abort();
    }
    for (size_t i = 0; i < n; i++) {
        size_t s = (size_t)(cases[i].id - base_id);
        for (unsigned w = 0; w < DT_SLOT_SIZE / 4; w++) {
            put_le32(code + s * DT_SLOT_SIZE + 4 * w, cases[i].code[w]);
        }
        for (unsigned w = 0; w < REC_WORDS; w++) {
            put_le64(records + s * REC_SIZE + 8 * w, cases[i].in[w]);
        }
    }
    for (unsigned w = 0; w < DT_SCRATCH_SIZE / 8; w++) {
        put_le64(ref + 8 * w, dt_ref_word(seed, w));
    }
    bool ok = write_file(t, "code.bin", code, slots * DT_SLOT_SIZE) &&
              write_file(t, "records.bin", records, slots * REC_SIZE) &&
              write_file(t, "ref.bin", ref, DT_SCRATCH_SIZE);
    free(code);
    free(records);
    free(ref);
    if (!ok) {
        return false;
    }

    char ld[2048];
    snprintf(ld, sizeof(ld),
             "/* Written by difftest from tests/difftest/layout.h. */\n"
             "ENTRY(_start)\n"
             "SECTIONS\n"
             "{\n"
             "    . = 0x%x;\n"
             "    .text : { KEEP(*(.text.start)) *(.text*) }\n"
             "    .rodata : { *(.rodata*) }\n"
             "    /* data on its own pages: stores next to code take the\n"
             "       emulators' self-modifying-code path */\n"
             "    . = ALIGN(4096);\n"
             "    .data : { *(.data*) }\n"
             "    . = ALIGN(16);\n"
             "    .bss : { *(.bss*) *(COMMON) }\n"
             "    . = ALIGN(16);\n"
             "    . += 0x4000;\n"
             "    stack_top = .;\n"
             "    ASSERT(stack_top <= 0x%x, \"difftest runtime too large\")\n"
             "    . = 0x%x;\n"
             "    .dt_exit : { KEEP(*(.dt_exit)) }\n"
             "    ASSERT(case_exit == 0x%x, \"case_exit misplaced\")\n"
             "    . = 0x%x;\n"
             "    .dt_ref : { KEEP(*(.dt_ref)) }\n"
             "    . = 0x%x;\n"
             "    .dt_code : { KEEP(*(.dt_code)) }\n"
             "    . = 0x%x;\n"
             "    .dt_header : { KEEP(*(.dt_header)) }\n"
             "    . = 0x%x;\n"
             "    .dt_records : { KEEP(*(.dt_records)) }\n"
             "}\n",
             DT_RUNTIME, DT_EXIT, DT_EXIT, DT_EXIT, DT_REF, DT_CODE, DT_HEADER, DT_RECORDS);
    return write_text(t, "image.ld", ld) &&
           write_text(t, "image.S",
                      "/* Written by difftest: the case blobs. */\n"
                      "    .section .dt_ref, \"a\"\n    .incbin \"ref.bin\"\n"
                      "    .section .dt_code, \"ax\"\n    .incbin \"code.bin\"\n"
                      "    .section .dt_header, \"a\"\n    .incbin \"header.bin\"\n"
                      "    .section .dt_records, \"a\"\n    .incbin \"records.bin\"\n");
}

bool dt_image_link(const struct dt_tools *t, uint64_t base_id, uint64_t start, uint64_t end,
                   char *elf_path, size_t elf_path_len)
{
    uint8_t header[24];
    put_le64(header + HDR_BASE_ID, base_id);
    put_le64(header + HDR_START, start);
    put_le64(header + HDR_END, end);
    if (!write_file(t, "header.bin", header, sizeof(header))) {
        return false;
    }
    char inc[4200], ld[4200], runtime[4200], image_s[4200], wd_inc[4200];
    snprintf(inc, sizeof(inc), "-I%s", t->srcdir);
    snprintf(wd_inc, sizeof(wd_inc), "-Wa,-I%s", t->workdir);
    snprintf(ld, sizeof(ld), "%s/image.ld", t->workdir);
    snprintf(runtime, sizeof(runtime), "%s/runtime.S", t->srcdir);
    snprintf(image_s, sizeof(image_s), "%s/image.S", t->workdir);
    snprintf(elf_path, elf_path_len, "%s/image.elf", t->workdir);
    const struct a64_insn *row;
    bool have_clrex = dt_phalanx_accepts(0xd503305fu, &row); /* CLREX */
    char *argv[] = {
        (char *)t->cc, "-nostdlib", "-nostartfiles", "-static", "-no-pie",
        "-Wl,--build-id=none", "-Wl,--no-warn-rwx-segments", inc, wd_inc,
        have_clrex ? "-DDT_HAVE_CLREX" : "-DDT_NO_CLREX",
        "-T", ld, runtime, image_s, "-o", elf_path, NULL,
    };
    int rc = dt_exec(argv, NULL);
    if (rc != 0) {
        fprintf(stderr, "difftest: linking the test image failed (%s, status %d)\n", t->cc, rc);
        return false;
    }
    return true;
}
