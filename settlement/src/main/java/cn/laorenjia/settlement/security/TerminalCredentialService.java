package cn.laorenjia.settlement.security;

import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Clock;
import java.time.Instant;

/** Issues and rotates terminals' secrets. */
@ApplicationScoped
public class TerminalCredentialService {

    private final Clock clock;
    private final TerminalCredentialStore store;
    private final TransactionSynchronizationRegistry transactions;

    public TerminalCredentialService(Clock clock, TerminalCredentialStore store,
                                     TransactionSynchronizationRegistry transactions) {
        this.clock = clock;
        this.store = store;
        this.transactions = transactions;
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
