package dev.vtool.engine.transport.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
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
 * What {@code v2ctl cert} makes (4.34's {@code cert.Generate} without a parent): a self-signed ECDSA P-256
 * certificate, valid from one hour ago for {@code expire}, serverAuth, with the common name, organisation
 * and DNS names given; a CA also gets certSign and CA basic constraints. The key is PKCS#8 PEM.
 */
public final class CertificateGenerator {
    private static final ASN1ObjectIdentifier ECDSA_SHA256 = new ASN1ObjectIdentifier("1.2.840.10045.4.3.2");

    /** The certificate and key as PEM text, each line separate (the JSON form 4.34 prints). */
    public record Generated(X509Certificate certificate, List<String> certificatePem, List<String> keyPem) {
    }

    private CertificateGenerator() {
    }

    public static Generated generate(List<String> domains, String commonName, String organization, boolean ca,
                                     Duration expire) throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair key = g.generateKeyPair();
        long now = System.currentTimeMillis();
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        name.addRDN(BCStyle.O, organization);
        name.addRDN(BCStyle.CN, commonName);
        AlgorithmIdentifier sigAlg = new AlgorithmIdentifier(ECDSA_SHA256);
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(128, random)));
        tbs.setSignature(sigAlg);
        tbs.setIssuer(name.build());
        tbs.setSubject(name.build());
        tbs.setStartDate(new Time(new Date(now - 3_600_000L)));
        tbs.setEndDate(new Time(new Date(now + expire.toMillis())));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        ExtensionsGenerator ext = new ExtensionsGenerator();
        try {
            int usage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment | (ca ? KeyUsage.keyCertSign : 0);
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            ext.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!domains.isEmpty()) {
                GeneralName[] names = domains.stream().map(d -> new GeneralName(GeneralName.dNSName, d))
                        .toArray(GeneralName[]::new);
                ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            tbs.setExtensions(ext.generate());
            TBSCertificate body = tbs.generateTBSCertificate();
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key.getPrivate());
            signer.update(body.getEncoded("DER"));
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(body);
            v.add(sigAlg);
            v.add(new DERBitString(signer.sign()));
            byte[] der = new DERSequence(v).getEncoded("DER");
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new Generated(cert, pem("CERTIFICATE", der), pem("PRIVATE KEY", key.getPrivate().getEncoded()));
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot encode the certificate", e);
        }
    }

    /** PEM as Go writes it: 64 characters a line. */
    private static List<String> pem(String type, byte[] der) {
        List<String> lines = new ArrayList<>();
        lines.add("-----BEGIN " + type + "-----");
        String b64 = Base64.getEncoder().encodeToString(der);
        for (int i = 0; i < b64.length(); i += 64) {
            lines.add(b64.substring(i, Math.min(b64.length(), i + 64)));
        }
        lines.add("-----END " + type + "-----");
        return lines;
    }
}
