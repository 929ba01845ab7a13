package cn.laorenjia.settlement.security;

/**
 * A person and, when the service generated it, their initial or reset password: shown exactly once,
 * only a bcrypt hash is kept. {@code password} is null when the administrator chose it.
 */
public record IssuedPassword(PersonView person, String password) {
}
