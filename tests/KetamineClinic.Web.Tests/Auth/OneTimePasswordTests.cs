using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Tests.Auth;

public sealed class OneTimePasswordTests
{
    [Fact]
    public async Task Generated_password_is_about_twenty_characters_and_passes_the_policy()
    {
        var user = new StaffUser { UserName = "new.admin@clinic.test", Email = "new.admin@clinic.test" };
        for (var i = 0; i < 200; i++)
        {
            var password = OneTimePassword.Generate();

            Assert.Matches("^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$", password);
            Assert.True((await new CommonPasswordValidator().ValidateAsync(null!, user, password)).Succeeded, password);
        }
    }

    [Fact]
    public void Generated_passwords_differ()
    {
        var passwords = Enumerable.Range(0, 1000).Select(_ => OneTimePassword.Generate()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(1000, passwords.Count);
    }
}
