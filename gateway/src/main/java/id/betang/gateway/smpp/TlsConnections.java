package id.betang.gateway.smpp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * SMPP over TLS the way a telco's SMSC expects to be trusted: the server's certificate checked against the CA
 * the operator configured (a PEM file; none: the JVM's own trust store) and against the host name dialled
 * (hostname verification, as HTTPS does), the handshake done before the bind so a wrong certificate or name is
 * reported as such. jSMPP's own SSL factory checks neither against our configuration.
 */
final class TlsConnections implements ConnectionFactory {

    private final SSLContext context;

    private TlsConnections(SSLContext context) {
        this.context = context;
    }

    /** @param caFile PEM with one or more CA certificates; empty for the JVM's trust store */
    static TlsConnections trusting(String caFile) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(caFile.isEmpty() ? null : trustStore(Path.of(caFile)));
            context.init(null, trust.getTrustManagers(), null);
            return new TlsConnections(context);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read the SMSC's CA file " + caFile + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStore(Path pem) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("smsc-ca-" + i++, ca);
            }
            if (i == 0) {
                throw new GeneralSecurityException("no certificate in it");
            }
        }
        return store;
    }

    @Override
    public Connection createConnection(String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        try {
            socket.startHandshake();
        } catch (SSLHandshakeException e) {
            socket.close();
            throw new IOException("TLS handshake with " + host + ":" + port + " refused: " + reason(e)
                    + " - check smpp.ca_file and smpp.host (the name the certificate must carry)", e);
        }
        return new SocketConnection(socket);
    }

    /** The innermost cause says which check failed (unknown CA, name mismatch, expired). */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
