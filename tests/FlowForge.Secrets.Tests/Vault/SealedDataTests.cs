using System.Text;
using FlowForge.Abstractions.Secrets;
using FlowForge.Secrets.Tests.Infrastructure;
using FlowForge.Secrets.Vault;
using Konscious.Security.Cryptography;

namespace FlowForge.Secrets.Tests.Vault;

public sealed class SealedDataTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Argon2id_matches_the_RFC_9106_test_vector()
    {
        using var argon2 = new Argon2id(Enumerable.Repeat((byte)0x01, 32).ToArray())
        {
            Salt = Enumerable.Repeat((byte)0x02, 16).ToArray(),
            KnownSecret = Enumerable.Repeat((byte)0x03, 8).ToArray(),
            AssociatedData = Enumerable.Repeat((byte)0x04, 12).ToArray(),
            MemorySize = 32,
            Iterations = 3,
            DegreeOfParallelism = 4,
        };

        Assert.Equal("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", Convert.ToHexStringLower(argon2.GetBytes(32)));
    }

    [Fact]
    public void Sealed_data_opens_with_the_password_only()
    {
        var data = SealedData.Seal(TestVaults.Password, "hello-not-real"u8, TestVaults.Cheap);

        Assert.Equal("hello-not-real", Encoding.UTF8.GetString(SealedData.Open(TestVaults.Password, data)));
        Assert.Throws<VaultPasswordException>(() => SealedData.Open("wrong-password-not-real", data));
        Assert.NotEqual(data, SealedData.Seal(TestVaults.Password, "hello-not-real"u8, TestVaults.Cheap));
    }

    [Fact]
    public async Task Every_single_byte_alteration_of_a_vault_file_is_detected()
    {
        var path = await VaultWithOneSecretAsync();
        var original = await File.ReadAllBytesAsync(path, Cancel);
        var regions = new List<string>();
        for (var position = 0; position < original.Length; position++)
        {
            var altered = (byte[])original.Clone();
            altered[position] ^= 0x01;
            await File.WriteAllBytesAsync(path, altered, Cancel);
            using var vault = TestVaults.Open(path);

            var refused = await Assert.ThrowsAnyAsync<VaultException>(() => vault.ReadAsync("instances/acme/1/token", Cancel));

            Assert.Equal(altered, await File.ReadAllBytesAsync(path, Cancel));
            regions.Add(RegionOf(position, original.Length));
            if (position >= SealedData.HeaderLength)
            {
                // Nonce, ciphertext and tag: the password is right, the data is not.
                Assert.IsType<VaultDamagedException>(refused);
                Assert.Contains("damaged", refused.Message, StringComparison.Ordinal);
            }
        }

        Assert.Equal(["magic", "version", "parameters", "salt", "check", "nonce", "ciphertext", "tag"], regions.Distinct());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(40)]
    [InlineData(-1)]
    [InlineData(-16)]
    public async Task A_truncated_vault_file_is_detected_and_left_as_it_is(int keep)
    {
        var path = await VaultWithOneSecretAsync();
        var original = await File.ReadAllBytesAsync(path, Cancel);
        var truncated = original[..(keep >= 0 ? keep : original.Length + keep)];
        await File.WriteAllBytesAsync(path, truncated, Cancel);
        using var vault = TestVaults.Open(path);

        var refused = await Assert.ThrowsAsync<VaultDamagedException>(() => vault.CheckAsync(Cancel));

        Assert.Contains("damaged", refused.Message, StringComparison.Ordinal);
        Assert.Equal(truncated, await File.ReadAllBytesAsync(path, Cancel));
    }

    [Fact]
    public void A_vault_of_a_newer_format_version_is_refused_with_that_reason()
    {
        var data = SealedData.Seal(TestVaults.Password, "x"u8, TestVaults.Cheap);
        data[7] = 2;

        var refused = Assert.Throws<VaultDamagedException>(() => SealedData.ReadHeader(data));

        Assert.Contains("version 2", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_asking_for_absurd_key_derivation_cost_is_refused_before_deriving()
    {
        var data = SealedData.Seal(TestVaults.Password, "x"u8, TestVaults.Cheap);
        data[8 + 3] = 0x7f;

        Assert.Throws<VaultDamagedException>(() => SealedData.ReadHeader(data));
    }

    private static string RegionOf(int position, int length) => position switch
    {
        < 7 => "magic",
        7 => "version",
        < 20 => "parameters",
        < 36 => "salt",
        < 68 => "check",
        < 80 => "nonce",
        _ when position >= length - SealedData.TagLength => "tag",
        _ => "ciphertext",
    };

    private static async Task<string> VaultWithOneSecretAsync()
    {
        var path = TestVaults.NewPath();
        using var vault = TestVaults.Open(path);
        await vault.WriteAsync("instances/acme/1/token", new SecretValue("token-not-real"), Cancel);
        return path;
    }
}
