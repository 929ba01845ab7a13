package cn.laorenjia.core.refusal;

/** A stable reason code (its enum name, for programs) with the Chinese message a cashier reads. */
public interface RefusalCode {

    String name();

    String messageZh();
}
