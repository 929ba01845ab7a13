package cn.laorenjia.core.policy;

/** A policy (or case) file that cannot be used, naming the file and, where known, the field. */
public final class PolicyFileException extends RuntimeException {

    public PolicyFileException(String where, String problem) {
        super(where + ": " + problem);
    }

    public PolicyFileException(String where, String problem, Throwable cause) {
        super(where + ": " + problem, cause);
    }
}
