package cn.laorenjia.settlement.security;

import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Issues and rotates terminals' secrets. */
@ApplicationScoped
public class TerminalCredentialService {

    private final Clock clock;
    private final TerminalCredentialStore store;
    private final TransactionSynchronizationRegistry transactions;
    private final AuditLog audit;

    public TerminalCredentialService(Clock clock, TerminalCredentialStore store,
                                     TransactionSynchronizationRegistry transactions, AuditLog audit) {
        this.clock = clock;
        this.store = store;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** Issues a new secret for the terminal (its first, or replacing the current one). */
    @Transactional
    public IssuedTerminalSecret issue(String terminalCode, String issuedBy) {
        long terminalId = store.load(terminalCode).map(TerminalCredentialStore.TerminalKey::terminalId)
                .orElseThrow(() -> new ApiException(ErrorCodes.UNKNOWN_TERMINAL, "未找到该终端"));
        return issue(terminalId, terminalCode, issuedBy);
    }

    /** Issues a secret for a terminal registered in the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public IssuedTerminalSecret issue(long terminalId, String terminalCode, String issuedBy) {
        String secret = TerminalSecrets.newSecret();
        Instant now = clock.instant();
        TerminalCredential credential = TerminalCredential.findById(terminalId);
        // the secret itself is never recorded, only that one was issued, by whom, and whether it replaced one
        audit.record(AuditAction.TERMINAL_SECRET_ISSUED, AuditLog.Subject.of("terminal", terminalCode), null,
                Map.of("issuedBy", issuedBy, "rotation", credential != null));
        if (credential == null) {
            credential = new TerminalCredential();
            credential.terminalId = terminalId;
        }
        credential.secretSha256 = TerminalSecrets.digest(secret);
        credential.issuedAt = now;
        credential.issuedBy = issuedBy;
        credential.persist();
        forgetAfterCompletion(terminalCode);
        return IssuedTerminalSecret.of(terminalCode, secret, now);
    }

    /**
     * Makes this instance read the terminal afresh once the current transaction has ended: forgetting
     * before the commit could let a concurrent request cache the old row again.
     */
    public void forgetAfterCompletion(String terminalCode) {
        store.forget(terminalCode);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED || status == Status.STATUS_ROLLEDBACK) {
                    store.forget(terminalCode);
                }
            }
        });
    }
}
