// libsystemc.so references sc_main; Catch2's main() wins, so this is never called.
extern "C" int sc_main(int, char**) {
    return 0;
}
