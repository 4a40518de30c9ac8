using System.Runtime.InteropServices;
using System.Text;
using FlowForge.Core.Secrets;
using FlowForge.Secrets.Keyring;
using FlowForge.Secrets.Keyring.MacOS;
using FlowForge.Secrets.Keyring.SecretService;
using FlowForge.Secrets.Keyring.Windows;

namespace FlowForge.Secrets.Tests.Keyring;

/// <summary>The platform-independent parts of the three keyrings: names, structures, error meanings, the session crypto.</summary>
public sealed class KeyringNamingTests
{
    [Fact]
    public void An_instance_secret_is_named_after_FlowForge_its_instance_and_its_field_in_every_keyring()
    {
        var entry = new KeyringEntry("instances/acme/0123abcd/token");

        Assert.Equal("acme", entry.Instance);
        Assert.Equal("token", entry.Field);
        Assert.Equal("FlowForge: acme token", entry.Label);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["application"] = "flowforge",
                ["flowforge-key"] = "instances/acme/0123abcd/token",
                ["instance"] = "acme",
                ["field"] = "token",
                ["xdg:schema"] = "org.flowforge.Secret",
            },
            entry.Attributes);
        Assert.Equal(2, entry.SearchAttributes.Count);
        Assert.Equal("FlowForge/instances/acme/0123abcd/token", entry.CredentialTarget);
        Assert.Equal("instances/acme/0123abcd/token", entry.KeychainAccount);
    }

    [Fact]
    public void A_key_that_names_no_instance_is_still_stored_under_its_key()
    {
        var entry = new KeyringEntry("probe");

        Assert.Null(entry.Instance);
        Assert.Equal("FlowForge: probe", entry.Label);
        Assert.DoesNotContain("instance", entry.Attributes.Keys);
    }

    [Fact]
    public void The_credential_structure_has_the_layout_of_CREDENTIALW()
    {
        Assert.SkipUnless(IntPtr.Size == 8, "The offsets below are the 64-bit layout.");

        Assert.Equal(80, Marshal.SizeOf<CredentialNative.Credential>());
        Assert.Equal(8, Offset(nameof(CredentialNative.Credential.TargetName)));
        Assert.Equal(16, Offset(nameof(CredentialNative.Credential.Comment)));
        Assert.Equal(24, Offset(nameof(CredentialNative.Credential.LastWrittenLow)));
        Assert.Equal(32, Offset(nameof(CredentialNative.Credential.CredentialBlobSize)));
        Assert.Equal(40, Offset(nameof(CredentialNative.Credential.CredentialBlob)));
        Assert.Equal(48, Offset(nameof(CredentialNative.Credential.Persist)));
        Assert.Equal(56, Offset(nameof(CredentialNative.Credential.Attributes)));
        Assert.Equal(72, Offset(nameof(CredentialNative.Credential.UserName)));
    }

    [Fact]
    public void A_credential_is_generic_per_user_and_machine_local()
    {
        var credential = CredentialBlob.Describe(1, 2, 3, 4, 42);

        Assert.Equal((1u, 2u, 42u, 4L, 3L, 1L, 2L), (credential.Type, credential.Persist, credential.CredentialBlobSize, (long)credential.CredentialBlob,
            (long)credential.UserName, (long)credential.TargetName, (long)credential.Comment));
        CredentialBlob.CheckSize(2560);
        Assert.Throws<ArgumentException>(() => CredentialBlob.CheckSize(2561));
    }

    [Theory]
    [InlineData(1168, "NotFound")]
    [InlineData(1312, "Unavailable")]
    [InlineData(5, "Unavailable")]
    [InlineData(87, "Failed")]
    public void Credential_Manager_errors_mean_what_FlowForge_does_next(int error, string meaning)
    {
        Assert.Equal(meaning, CredentialManagerErrors.Classify(error).ToString());
        if (meaning == "Unavailable")
        {
            Assert.IsType<SecretStoreUnavailableException>(CredentialManagerErrors.ToException("read", error));
        }
    }

    [Theory]
    [InlineData(-25291, true)]
    [InlineData(-25294, true)]
    [InlineData(-25307, true)]
    [InlineData(-25308, true)]
    [InlineData(-25293, true)]
    [InlineData(-128, true)]
    [InlineData(-50, false)]
    public void Keychain_statuses_that_mean_no_usable_keychain_make_the_store_unavailable(int status, bool unavailable)
    {
        Assert.Equal(unavailable, KeychainStatus.IsUnavailable(status));
        Assert.Equal(unavailable, KeychainStatus.ToException("read", status) is SecretStoreUnavailableException);
    }

    [Fact]
    public void Both_ends_of_the_Diffie_Hellman_exchange_derive_the_same_session_key()
    {
        var (ours, ourPublic) = DhSession.CreateKeyPair();
        var (theirs, theirPublic) = DhSession.CreateKeyPair();

        var key = DhSession.DeriveKey(ours, theirPublic);

        Assert.Equal(16, key.Length);
        Assert.Equal(key, DhSession.DeriveKey(theirs, ourPublic));
        var session = DhSession.Create("/s", ours, theirPublic);
        var (iv, wrapped) = session.Wrap("wrapped-not-real"u8);
        Assert.Equal(16, iv.Length);
        Assert.Equal("wrapped-not-real", Encoding.UTF8.GetString(DhSession.Create("/s", theirs, ourPublic).Unwrap(iv, wrapped)));
        Assert.Throws<InvalidOperationException>(() => DhSession.DeriveKey(ours, [1]));
    }

    private static int Offset(string field) => (int)Marshal.OffsetOf<CredentialNative.Credential>(field);
}
