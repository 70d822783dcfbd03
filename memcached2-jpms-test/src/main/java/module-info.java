/** A consumer of memcached2 as a named module: it compiles only if the API packages it uses are exported. */
@SuppressWarnings("module") // io.memcached2 and this name end a component with a digit: the project's name
module io.memcached2.jpmstest {
    requires io.memcached2;

    exports io.memcached2.jpmstest;
}
