import Segment
import Tracking

func signIn(_ analytics: Analytics, userId: String, email: String) {
  // analytics.group(groupId:) in a comment is not a call.
  analytics.identify(userId: userId, traits: IdentifyTraits(email: email))
}
