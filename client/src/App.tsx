import { Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { useAccessToken } from './auth/useAccessToken';
import { Home } from './pages/Home/Home';
import { Login } from './pages/Login/Login';
import { Signup } from './pages/Signup/Signup';

function RequireAuth() {
  return useAccessToken() ? <Outlet /> : <Navigate to="/login" replace />;
}

function GuestOnly() {
  return useAccessToken() ? <Navigate to="/" replace /> : <Outlet />;
}

export function App() {
  return (
    <Routes>
      <Route element={<GuestOnly />}>
        <Route path="/login" element={<Login />} />
        <Route path="/signup" element={<Signup />} />
      </Route>
      <Route element={<RequireAuth />}>
        <Route path="/" element={<Home />} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
