using System.Net;
using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.UnitTests.Web.BackOffice.Users;

[TestFixture]
public sealed class LoginThrottleTests
{
    [Test]
    public void Blocks_one_address_only_When_it_used_up_its_failed_attempts()
    {
        using var throttle = new LoginThrottle(Options.Create(new LoginThrottleOptions { FailedAttemptsPerMinute = 3 }), TimeProvider.System);
        var attacker = IPAddress.Parse("203.0.113.7");
        var other = IPAddress.Parse("198.51.100.1");

        for (var i = 0; i < 3; i++)
        {
            Assert.That(throttle.IsBlocked(attacker), Is.False, $"attempt {i + 1}");
            throttle.RecordFailure(attacker, $"name-{i}@example.org");
        }

        Assert.That(throttle.IsBlocked(attacker), Is.True);
        Assert.That(throttle.IsBlocked(other), Is.False);
    }

    [Test]
    public void Never_blocks_When_the_limit_is_switched_off()
    {
        using var throttle = new LoginThrottle(Options.Create(new LoginThrottleOptions { FailedAttemptsPerMinute = 0 }), TimeProvider.System);
        for (var i = 0; i < 50; i++)
        {
            throttle.RecordFailure(IPAddress.Loopback, $"name-{i}@example.org");
        }

        Assert.That(throttle.IsBlocked(IPAddress.Loopback), Is.False);
    }
}
