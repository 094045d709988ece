package dev.vtool.engine.transport.tls;

import java.io.ByteArrayInputStream;
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
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
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
 * Signs leaf certificates on the fly from a CA ({@code usage: "issue"}), as 4.34's {@code cert.Generate}
 * does: a fresh ECDSA P-256 key, CN and DNS SAN = the requested name, valid from one hour ago to one hour
 * ahead, key usage digitalSignature + keyEncipherment, extended usage serverAuth.
 */
public final class LeafIssuer {
    private static final ASN1ObjectIdentifier ECDSA_SHA256 = new ASN1ObjectIdentifier("1.2.840.10045.4.3.2");
    private static final ASN1ObjectIdentifier RSA_SHA256 = new ASN1ObjectIdentifier("1.2.840.113549.1.1.11");
    private static final long HOUR = 3_600_000L;

    private final X509Certificate ca;
    private final PrivateKey caKey;
    private final SecureRandom random = new SecureRandom();

    LeafIssuer(X509Certificate ca, PrivateKey caKey) {
        this.ca = ca;
        this.caKey = caKey;
    }

    /**
     * A self-signed certificate for {@code name} with 4.34's leaf profile, as its QUIC listener makes one
     * when no certificate is configured.
     */
    public static Issued selfSigned(String name) throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        KeyPair key = newKey(random);
        return sign(new X500Name(cn(name)), key.getPrivate(), key, name, random);
    }

    private static KeyPair newKey(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        return g.generateKeyPair();
    }

    private static String cn(String name) {
        return "CN=" + name.replace(",", "\\,").replace("+", "\\+").replace("=", "\\=");
    }

    /** A new leaf for {@code name} and its key. */
    Issued issue(String name) throws GeneralSecurityException {
        return sign(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), caKey, newKey(random), name, random);
    }

    private static Issued sign(X500Name issuer, PrivateKey caKey, KeyPair leafKey, String name, SecureRandom random)
            throws GeneralSecurityException {
        boolean rsa = caKey.getAlgorithm().equals("RSA");
        AlgorithmIdentifier sigAlg = rsa
                ? new AlgorithmIdentifier(RSA_SHA256, org.bouncycastle.asn1.DERNull.INSTANCE)
                : new AlgorithmIdentifier(ECDSA_SHA256);
        long now = System.currentTimeMillis();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new org.bouncycastle.asn1.ASN1Integer(new BigInteger(127, random)));
        tbs.setSignature(sigAlg);
        tbs.setIssuer(issuer);
        tbs.setStartDate(new Time(new Date(now - HOUR)));
        tbs.setEndDate(new Time(new Date(now + HOUR)));
        tbs.setSubject(new X500Name(cn(name)));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(leafKey.getPublic().getEncoded()));
        ExtensionsGenerator ext = new ExtensionsGenerator();
        try {
            ext.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            ext.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (!name.isEmpty()) {
                ext.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
            }
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot encode certificate extensions", e);
        }
        tbs.setExtensions(ext.generate());
        TBSCertificate body = tbs.generateTBSCertificate();
        Signature signer = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
        signer.initSign(caKey);
        try {
            signer.update(body.getEncoded("DER"));
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(body);
            v.add(sigAlg);
            v.add(new DERBitString(signer.sign()));
            byte[] der = new DERSequence(v).getEncoded("DER");
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new Issued(leaf, leafKey.getPrivate());
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot encode certificate", e);
        }
    }

    public record Issued(X509Certificate leaf, PrivateKey key) {
    }
}
