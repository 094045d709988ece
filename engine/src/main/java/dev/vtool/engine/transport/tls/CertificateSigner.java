package dev.vtool.engine.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

/**
 * Makes X.509 certificates the way 4.34's {@code common/protocol/tls/cert.Generate} does: a fresh ECDSA P-256
 * key, a 128-bit random serial, basic constraints always present, extended usage serverAuth; a CA also gets
 * certSign. Self-signed, or signed by an issuer (ECDSA or RSA key). Used by {@code usage: "issue"} at run
 * time and by {@code vtool cert}.
 */
public final class CertificateSigner {
    private static final ASN1ObjectIdentifier ECDSA_SHA256 = new ASN1ObjectIdentifier("1.2.840.10045.4.3.2");
    private static final ASN1ObjectIdentifier RSA_SHA256 = new ASN1ObjectIdentifier("1.2.840.113549.1.1.11");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What goes into a certificate; empty strings and lists leave the field out. */
    public record Request(String commonName, String organization, List<String> dnsNames, boolean authority,
            Instant notBefore, Instant notAfter) {
    }

    /** A certificate and its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private CertificateSigner() {
    }

    /** Self-signed when {@code issuer} is null, else signed by it with {@code issuerKey}. */
    public static Issued sign(Request request, X509Certificate issuer, PrivateKey issuerKey)
            throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        KeyPair own = g.generateKeyPair();
        PrivateKey signingKey = issuer == null ? own.getPrivate() : issuerKey;
        boolean rsa = signingKey.getAlgorithm().equals("RSA");
        AlgorithmIdentifier sigAlg = rsa ? new AlgorithmIdentifier(RSA_SHA256, DERNull.INSTANCE)
                : new AlgorithmIdentifier(ECDSA_SHA256);
        X500Name subject = subject(request);
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(128, RANDOM)));
        tbs.setSignature(sigAlg);
        tbs.setIssuer(issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()));
        tbs.setStartDate(new Time(Date.from(request.notBefore())));
        tbs.setEndDate(new Time(Date.from(request.notAfter())));
        tbs.setSubject(subject);
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(own.getPublic().getEncoded()));
        ExtensionsGenerator ext = new ExtensionsGenerator();
        try {
            int usage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment | (request.authority() ? KeyUsage.keyCertSign : 0);
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            ext.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(request.authority()));
            if (!request.dnsNames().isEmpty()) {
                GeneralName[] names = request.dnsNames().stream()
                        .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
                ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            tbs.setExtensions(ext.generate());
            TBSCertificate body = tbs.generateTBSCertificate();
            Signature signer = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
            signer.initSign(signingKey);
            signer.update(body.getEncoded("DER"));
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(body);
            v.add(sigAlg);
            v.add(new DERBitString(signer.sign()));
            byte[] der = new DERSequence(v).getEncoded("DER");
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new Issued(cert, own.getPrivate());
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot encode the certificate", e);
        }
    }

    private static X500Name subject(Request request) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        if (!request.organization().isEmpty()) {
            b.addRDN(BCStyle.O, request.organization());
        }
        if (!request.commonName().isEmpty()) {
            b.addRDN(BCStyle.CN, request.commonName());
        }
        return b.build();
    }
}
