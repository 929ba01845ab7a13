package cn.laorenjia.terminal.app;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The counter's files (offline copy, sale journal) are readable by the account the terminal runs as and nobody
 * else: directories rwx------, files rw-------. On a file system without POSIX permissions (Windows) the
 * directory's ACL inherited from the user's profile applies and nothing is changed here.
 */
public final class OwnerOnlyFiles {

    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {
    }

    /** Creates {@code dir} (and parents) owner-only, and makes it owner-only if it existed already. */
    public static Path directory(Path dir) throws IOException {
        if (!POSIX) {
            return Files.createDirectories(dir);
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        Files.setPosixFilePermissions(dir, DIRECTORY);
        return dir;
    }

    /** Attributes that create a file owner-only (none where POSIX permissions are not supported). */
    public static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /** Makes an existing file owner-only (one written by an older version, or moved in). */
    public static void restrict(Path file) throws IOException {
        if (POSIX && Files.exists(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** Writes {@code bytes} to a new or existing owner-only file. */
    public static void write(Path file, byte[] bytes) throws IOException {
        if (POSIX && !Files.exists(file)) {
            Files.createFile(file, fileAttributes());
        }
        restrict(file);
        Files.write(file, bytes);
    }
}
